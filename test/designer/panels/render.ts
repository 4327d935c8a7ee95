import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** Static HTML of a component, for checking what a form generates without a browser. */
export function render<P extends object>(component: FunctionComponent<P>, props: P): string {
  return renderToStaticMarkup(createElement(component, props));
}

/** The HTML of the field rendered for `pointer`: from its element up to the next field. */
export function fieldHtml(html: string, pointer: string): string {
  const start = html.indexOf(`data-pointer="${pointer}"`);
  if (start === -1) throw new Error(`no field for ${pointer}`);
  const next = html.indexOf('data-pointer=', start + 1);
  return html.slice(start, next === -1 ? undefined : next);
}
