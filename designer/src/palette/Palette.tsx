import { useState, type DragEvent } from 'react';
import { CATEGORIES, type AnyBlockDefinition } from '../../../schemas/block.ts';
import { blocks } from '../../../schemas/blocks/index.ts';

/** The drag-and-drop type a palette block carries; its data is the block type. */
export const BLOCK_DRAG_TYPE = 'application/x-switchyard-block';

const catalog: readonly AnyBlockDefinition[] = Object.values(blocks);

function onDragStart(event: DragEvent, block: AnyBlockDefinition) {
  event.dataTransfer.setData(BLOCK_DRAG_TYPE, block.type);
  event.dataTransfer.setData('text/plain', block.type);
  event.dataTransfer.effectAllowed = 'copy';
}

interface PaletteProps {
  /** Adds the block without dragging (a click, or Enter): for the keyboard, and for a quick start. */
  onAdd?(definition: AnyBlockDefinition): void;
}

/** The block catalog by category: drag a block onto the canvas, or click it to add it in the middle of the view. */
export function Palette({ onAdd }: PaletteProps) {
  const [filter, setFilter] = useState('');
  const words = filter.trim().toLowerCase();
  const matches = (block: AnyBlockDefinition) =>
    words === '' || `${block.label} ${block.type} ${block.description} ${block.category}`.toLowerCase().includes(words);
  const groups = CATEGORIES.map((category) => ({ category, blocks: catalog.filter((block) => block.category === category && matches(block)) })).filter(
    (group) => group.blocks.length > 0,
  );

  return (
    <nav className="palette" aria-label="Blocks">
      <input className="palette__filter" type="search" placeholder="Find a block…" aria-label="Find a block" value={filter} onChange={(event) => setFilter(event.target.value)} />
      {groups.length === 0 && <p className="sidebar__note">No block matches “{filter}”.</p>}
      {groups.map(({ category, blocks }) => (
        <section key={category} className={`palette__group palette__group--${category.toLowerCase()}`}>
          <h3 className="palette__category">{category}</h3>
          <ul className="palette__blocks">
            {blocks.map((block) => (
              <li
                key={block.type}
                className={`palette__block${onAdd ? ' is-draggable' : ''}`}
                data-block-type={block.type}
                draggable={onAdd !== undefined}
                onDragStart={(event) => onDragStart(event, block)}
                onDoubleClick={() => onAdd?.(block)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && onAdd) onAdd(block);
                }}
                tabIndex={onAdd ? 0 : undefined}
                title={onAdd ? 'Drag onto the canvas (or double-click to add)' : undefined}
              >
                <span className="palette__icon" aria-hidden="true">
                  {block.icon}
                </span>
                <span className="palette__text">
                  <span className="palette__label">{block.label}</span>
                  <span className="palette__description">{block.description}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
