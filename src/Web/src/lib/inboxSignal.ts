import { useEffect, useRef } from 'react';

const eventName = 'platform:inbox-changed';

/** Tells the inbox badge (and an open inbox page) that read state changed on this page. */
export function inboxChanged(): void {
  window.dispatchEvent(new Event(eventName));
}

export function useInboxChanged(handler: () => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    const listener = () => ref.current();
    window.addEventListener(eventName, listener);
    return () => window.removeEventListener(eventName, listener);
  }, []);
}
