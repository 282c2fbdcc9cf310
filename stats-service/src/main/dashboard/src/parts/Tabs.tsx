import type { KeyboardEvent } from 'react';

export type TabId = 'dashboard' | 'test' | 'docs';

const TABS: { id: TabId; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'test', label: 'Test API' },
  { id: 'docs', label: 'API Docs' },
];

export function tabFromHash(hash: string): TabId {
  const id = hash.replace(/^#\/?/, '');
  return TABS.find((tab) => tab.id === id)?.id ?? 'dashboard';
}

/** The tab bar, keyboard-operable as the ARIA tabs pattern describes (arrows, Home, End). */
export function Tabs({ current, onSelect }: { current: TabId; onSelect: (id: TabId) => void }) {
  const move = (event: KeyboardEvent, index: number) => {
    const last = TABS.length - 1;
    const target = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    if (target !== undefined) {
      event.preventDefault();
      onSelect(TABS[target].id);
      document.getElementById(`tab-${TABS[target].id}`)?.focus();
    }
  };
  return (
    <nav role="tablist" aria-label="Sections" className="tabs">
      {TABS.map((tab, index) => (
        <button key={tab.id} id={`tab-${tab.id}`} type="button" role="tab" aria-selected={tab.id === current}
          aria-controls={`panel-${tab.id}`} tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onSelect(tab.id)} onKeyDown={(event) => move(event, index)}>
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
