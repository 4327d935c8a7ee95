import { ConflictError, type Role, type SessionRecord, type UserRecord, type UserRepo } from '../types.ts';
import type { Db } from './db.ts';
import { fromJson, toJson } from './rows.ts';

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  roles: string;
  agent_id: string | null;
  created_at: string;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  passwordHash: row.password_hash,
  roles: fromJson<Role[]>(row.roles),
  ...(row.agent_id !== null && { agentId: row.agent_id }),
  createdAt: row.created_at,
});

/** Users (hashed passwords, roles) and their sessions (hashed tokens). */
export class SqliteUserRepo implements UserRepo {
  private readonly selectAll;
  private readonly selectCount;
  private readonly selectOne;
  private readonly selectByName;
  private readonly insert;
  private readonly remove;
  private readonly insertSession;
  private readonly selectSession;
  private readonly removeSession;
  private readonly updatePassword;
  private readonly removeOtherSessions;
  private readonly passwordTx;

  constructor(db: Db) {
    this.selectAll = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username');
    this.selectCount = db.prepare<[], number>('SELECT COUNT(*) FROM users').pluck();
    this.selectOne = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
    this.selectByName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.insert = db.prepare<[string, string, string, string, string | null, string]>(
      'INSERT INTO users (id, username, password_hash, roles, agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING',
    );
    this.remove = db.prepare<[string]>('DELETE FROM users WHERE id = ?');
    this.insertSession = db.prepare<[string, string, string, string]>('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.selectSession = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
    this.removeSession = db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
    this.updatePassword = db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE id = ?');
    this.removeOtherSessions = db.prepare<[string, string]>('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?');
    this.passwordTx = db.transaction((id: string, passwordHash: string, keepSession: string): boolean => {
      if (this.updatePassword.run(passwordHash, id).changes === 0) return false;
      this.removeOtherSessions.run(id, keepSession);
      return true;
    });
  }

  list(): UserRecord[] {
    return this.selectAll.all().map(toUser);
  }

  count(): number {
    return this.selectCount.get() ?? 0;
  }

  get(id: string): UserRecord | undefined {
    const row = this.selectOne.get(id);
    return row && toUser(row);
  }

  byUsername(username: string): UserRecord | undefined {
    const row = this.selectByName.get(username);
    return row && toUser(row);
  }

  create(user: UserRecord): UserRecord {
    const { changes } = this.insert.run(user.id, user.username, user.passwordHash, toJson(user.roles), user.agentId ?? null, user.createdAt);
    if (changes === 0) throw new ConflictError(`username "${user.username}" is taken`, 0);
    return user;
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }

  createSession(session: SessionRecord): void {
    this.insertSession.run(session.tokenHash, session.userId, session.createdAt, session.expiresAt);
  }

  session(tokenHash: string): SessionRecord | undefined {
    const row = this.selectSession.get(tokenHash);
    return row && { tokenHash: row.token_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  deleteSession(tokenHash: string): boolean {
    return this.removeSession.run(tokenHash).changes > 0;
  }

  setPassword(id: string, passwordHash: string, keepSession = ''): boolean {
    return this.passwordTx(id, passwordHash, keepSession);
  }
}
