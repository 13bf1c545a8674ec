/**
 * The URL is the view's state: components read it with useView() and change it with go(). A change
 * that the user would want to step back through (opening an incident, a filter) pushes a history
 * entry; continuous ones (moving the map, typing) replace the current one.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatView, parseView, type View } from '../../src/web/index.js';

type Listener = (v: View) => void;
const listeners = new Set<Listener>();

export function currentView(): View {
  return parseView(location.pathname, location.search);
}

function notify(): void {
  const v = currentView();
  for (const l of listeners) l(v);
}

window.addEventListener('popstate', notify);

export function go(v: View, opts: { replace?: boolean } = {}): void {
  const url = formatView(v);
  if (url === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

/** Change part of the current view. */
export function update(change: (v: View) => View, opts: { replace?: boolean } = {}): void {
  go(change(currentView()), opts);
}

export function useView(): View {
  const [v, setV] = useState(currentView);
  useEffect(() => {
    listeners.add(setV);
    return () => void listeners.delete(setV);
  }, []);
  return v;
}

/** An in-app link: a real href (open in a new tab works), handled without a page load. */
export function linkProps(v: View): { href: string; onClick: (e: MouseEvent) => void } {
  const href = formatView(v);
  return {
    href,
    onClick: (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      go(v);
      window.scrollTo(0, 0);
    },
  };
}
