import type { User } from '../api/types';

interface Props {
  people: readonly User[];
  active: number;
  onPick: (user: User) => void;
}

/** The @-mention suggestion list under the comment box. */
export function MentionSuggestions({ people, active, onPick }: Props) {
  if (people.length === 0) return null;
  return (
    <ul className="mention-list" role="listbox" aria-label="People to mention">
      {people.map((u, i) => (
        <li key={u.id} role="option" aria-selected={i === active} data-testid="mention-option"
          className={i === active ? 'mention-option active' : 'mention-option'}
          // mousedown, not click: keep the focus (and caret) in the textarea.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(u);
          }}>
          <span className="mention-name">{u.displayName}</span> <span className="muted">{u.email}</span>
        </li>
      ))}
    </ul>
  );
}
