import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** A short word for tests and styles: `conflict`, `publish`… */
  kind: string;
  children: ReactNode;
  actions: ReactNode;
  /** Escape and the backdrop call it; leave it out for a choice that must be made. */
  onClose?(): void;
}

/** A modal dialog: focus moves into it, Escape closes it (when it may be closed). */
export function Dialog({ title, kind, children, actions, onClose }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = box.current?.querySelector<HTMLElement>('textarea, input, button.is-primary, button');
    first?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose?.()}>
      <div
        ref={box}
        className={`dialog dialog--${kind}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`dialog-${kind}-title`}
        onKeyDown={(event) => {
          // Shortcuts of the page (Ctrl+Z, Delete) must not act behind a dialog.
          event.stopPropagation();
          if (event.key === 'Escape') onClose?.();
        }}
      >
        <h2 id={`dialog-${kind}-title`} className="dialog__title">
          {title}
        </h2>
        <div className="dialog__body">{children}</div>
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
