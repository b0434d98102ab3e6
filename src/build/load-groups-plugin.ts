/**
 * Vite plugin: groups the widget's modules into one chunk per load stage (see {@link loadGroups}).
 */
import type {Plugin} from 'vite';

/**
 * What loads right after the first frame, and what right after the first render, as one chunk each: the
 * element (Lit and the shell, which the entry loads while it paints the first frame) and the
 * modules loaded once it has shown (the core, the knowledge panel, the call views). Otherwise the bundler
 * splits them by which other chunks also use them, into a dozen small chunks fetched in two or three
 * rounds each. What an entry imports statically (the widget entry's own copies, see entry-copy-plugin.ts,
 * and the frame page's script) stays with that entry; a module stays out of a later group once an
 * earlier one holds it.
 */
export function loadGroups(groups: Array<{name: string; roots: string[]}>) {
  const members = new Map(groups.map((g) => [g.name, new Set<string>()]));
  const plugin: Plugin = {
    name: 'agent-assist:load-groups',
    apply: 'build',
    buildEnd() {
      const reach = (from: string[], into: Set<string>) => {
        for (let id = from.pop(); id !== undefined; id = from.pop()) {
          if (into.has(id)) continue;
          into.add(id);
          from.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      };
      const ids = [...this.getModuleIds()];
      const find = (root: string) => ids.find((id) => id.endsWith(root));
      const taken = new Set<string>();
      // What an entry loads statically is its own: the widget entry's copies, the frame page's script.
      reach(
        ids.filter((id) => this.getModuleInfo(id)?.isEntry),
        taken
      );
      for (const {name, roots} of groups) {
        const set = members.get(name)!;
        set.clear();
        reach(
          roots.map(find).filter((id): id is string => id !== undefined),
          set
        );
        for (const id of taken) set.delete(id);
        for (const id of set) taken.add(id);
      }
    },
  };
  return {
    plugin,
    groups: groups.map(({name}) => ({name, test: (id: string) => members.get(name)!.has(id)})),
  };
}
