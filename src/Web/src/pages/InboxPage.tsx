import { InboxSection } from '../components/InboxSection';
import { TaskListPage } from './TaskListPage';

/** The home page: what needs me now, then creating a task and all my tasks. */
export function InboxPage() {
  return (
    <div className="page">
      <InboxSection />
      <TaskListPage embedded />
    </div>
  );
}
