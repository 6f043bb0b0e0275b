// A validation rule against one field selected over and over in one selection set (graphql-cop's "field duplication":
// `__typename` 500 times). graphql-js merges such repeats into one field, but only after comparing them pair by pair
// (OverlappingFieldsCanBeMergedRule, quadratic in their number, cut off by its own budget after ~0.1 s of work), and
// no library limits them: graphql-armor has rules for depth, aliases, directives, tokens and cost, none for this.
import { Kind, type ASTVisitor, type FieldNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** The worst repeat found in a document: the response key, how often one selection set selects it, and where. */
export interface FieldRepeat {
  responseKey: string;
  count: number;
  node: FieldNode;
}

type KeyCounts = Map<string, { count: number; node: FieldNode }>;

/**
 * Counts, for every selection set of the document, how many times each response key (alias or field name) is
 * selected in it, with the fields its inline fragments and fragment spreads bring in (as execution collects them: a
 * fragment spread twice brings its fields twice). Calls `onExceeded` once per document, with the worst repeat, when
 * one selection set selects a key more than `max` times. Each selection set and fragment is counted once.
 */
export function fieldRepeatsRule(max: number, onExceeded: (context: ValidationContext, repeat: FieldRepeat) => void) {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentCounts = new Map<string, KeyCounts>();
    // Each selection set is also visited on its own (an inline fragment's, inside its parent's): counted once.
    const selectionSetCounts = new WeakMap<SelectionSetNode, KeyCounts>();
    let worst: FieldRepeat | undefined;

    function countsOf(selectionSet: SelectionSetNode): KeyCounts {
      const known = selectionSetCounts.get(selectionSet);
      if (known) return known;
      const counts: KeyCounts = new Map();
      const add = (key: string, count: number, node: FieldNode) => {
        const entry = counts.get(key);
        if (entry) entry.count += count;
        else counts.set(key, { count, node });
      };
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          add((selection.alias ?? selection.name).value, 1, selection);
          continue;
        }
        const included =
          selection.kind === Kind.INLINE_FRAGMENT ? countsOf(selection.selectionSet) : fragmentCountsOf(selection.name.value);
        for (const [key, { count, node }] of included) add(key, count, node);
      }
      selectionSetCounts.set(selectionSet, counts);
      return counts;
    }

    function fragmentCountsOf(name: string): KeyCounts {
      const known = fragmentCounts.get(name);
      if (known) return known;
      // Marked before counting, so that a cycle of fragments (reported by NoFragmentCyclesRule) ends here.
      fragmentCounts.set(name, new Map<string, { count: number; node: FieldNode }>());
      const fragment = context.getFragment(name);
      const counts = fragment ? countsOf(fragment.selectionSet) : new Map<string, { count: number; node: FieldNode }>();
      fragmentCounts.set(name, counts);
      return counts;
    }

    return {
      SelectionSet(selectionSet) {
        for (const [responseKey, { count, node }] of countsOf(selectionSet)) {
          if (count > max && count > (worst?.count ?? 0)) worst = { responseKey, count, node };
        }
      },
      Document: {
        leave() {
          if (worst) onExceeded(context, worst);
        },
      },
    };
  };
}
