import { listsApi } from '../../api/lists';
import type { ListInfo } from '../../api/lists';
import { membershipChange } from '../../lib/departments';
import { ancestorsOf, withListFieldNames } from '../../lib/lists';
import { navigate, paths } from '../../lib/router';
import { useLists } from '../../lib/useLists';
import { useSubmit } from '../../lib/useSubmit';
import { useUsers } from '../../lib/users';
import { ChipPicker } from '../ChipPicker';
import { ErrorBox } from '../ErrorBox';

interface Props {
  list: ListInfo;
  meId: string;
  isAdmin: boolean;
}

/** A list's members see its tasks without taking part in each; a list keeps at least one member. Shown: its own members only. */
export function ListMembers({ list, meId, isAdmin }: Props) {
  const { users, nameOf } = useUsers();
  const { lists, reload } = useLists();
  const action = useSubmit();
  const choices = users.filter((u) => !u.isBlocked || list.memberIds.includes(u.id))
    .map((u) => ({ id: u.id, name: u.displayName }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const setMembers = (ids: string[]) => void action.run(async () => {
    const { added, removed } = membershipChange(list.memberIds, ids);
    try {
      if (added.length > 0) await listsApi.addMembers(list.id, added);
      for (const id of removed) await listsApi.removeMember(list.id, id);
    } catch (error) {
      throw withListFieldNames(error);
    } finally {
      await reload();
    }
    // Without membership here or above (and not an admin) the list is out of sight now.
    const memberAbove = ancestorsOf(lists, list.id).some((l) => l.memberIds.includes(meId));
    if (removed.includes(meId) && !isAdmin && !memberAbove) navigate(paths.lists());
  });

  return (
    <section className="list-members" aria-label="Members">
      <ErrorBox error={action.error} testId="list-members-error" />
      <ChipPicker id={`list-members-${list.id}`} label="Members" choices={choices} selected={list.memberIds} nameOf={nameOf}
        busy={action.busy} testId="list-members" onChange={setMembers} />
      <p className="hint">
        Members see the list, the lists nested in it and all their tasks; they join a task when they act on it. The
        members of the lists above see it too.
      </p>
    </section>
  );
}
