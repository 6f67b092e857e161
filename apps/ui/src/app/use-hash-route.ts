import { useEffect, useState } from 'react';

/** The UI's sections, in navigation order: hash, label. */
export const sections = [
  { id: 'predict', label: 'Predict' },
  { id: 'batch', label: 'Batch' },
  { id: 'models', label: 'Models' },
  { id: 'monitoring', label: 'Monitoring' },
] as const;

/** A section id. */
export type SectionId = (typeof sections)[number]['id'];

/** The section a location hash names (`#/batch`), defaulting to predict. */
export function sectionOf(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '');
  return sections.find((section) => section.id === id)?.id ?? 'predict';
}

/** The current section, following the location hash (links work, back/forward work, no router). */
export function useHashRoute(): SectionId {
  const [section, setSection] = useState<SectionId>(() => sectionOf(globalThis.location?.hash ?? ''));
  useEffect(() => {
    const follow = () => setSection(sectionOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return section;
}
