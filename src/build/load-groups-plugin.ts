/**
 * Vite plugin: groups the widget's modules into one chunk per load stage (see {@link loadGroups}).
 */
import type {Plugin} from 'vite';

/**
 * What loads before the first render, and what right after it, as one chunk each: the widget entry's
 * static imports (the frame of the first render) and those of the modules loaded once it has shown (the
 * core, the knowledge panel, the call views). Otherwise the bundler splits them by which other chunks
 * also use them, into a dozen small chunks fetched in two or three rounds each. The entry keeps only its
 * own module, so a cache-busted copy of it (`agent-assist.js?v=2`) still shares Lit and the rest with
 * the lazy chunks. Modules of other entries (the frame) and of an earlier group stay out of a group.
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
      const [first] = groups;
      // Everything the other entries (the frame) load statically is theirs.
      reach(
        ids.filter((id) => this.getModuleInfo(id)?.isEntry && id !== find(first!.roots[0]!)),
        taken
      );
      for (const {name, roots} of groups) {
        const set = members.get(name)!;
        set.clear();
        const found = roots.map(find).filter((id): id is string => id !== undefined);
        reach([...found], set);
        // The entry module itself stays the entry chunk.
        if (name === first!.name) set.delete(found[0]!);
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
