import { CATEGORIES, type AnyBlockDefinition } from '../../../schemas/block.ts';
import { blocks } from '../../../schemas/blocks/index.ts';

const catalog: readonly AnyBlockDefinition[] = Object.values(blocks);
const groups = CATEGORIES.map((category) => ({
  category,
  blocks: catalog.filter((block) => block.category === category),
})).filter((group) => group.blocks.length > 0);

/** The block catalog by category. Dragging blocks onto the canvas comes with editing. */
export function Palette() {
  return (
    <nav className="palette" aria-label="Blocks">
      {groups.map(({ category, blocks }) => (
        <section key={category} className={`palette__group palette__group--${category.toLowerCase()}`}>
          <h3 className="palette__category">{category}</h3>
          <ul className="palette__blocks">
            {blocks.map((block) => (
              <li key={block.type} className="palette__block" data-block-type={block.type}>
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
