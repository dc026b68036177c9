import { useEffect } from 'react';
import { translate, type Lang } from '../i18n/strings.ts';

export const LANG_STORAGE_KEY = 'klachtcoach.lang';

export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="lang-switch"
      lang={other}
      onClick={() => {
        try {
          localStorage.setItem(LANG_STORAGE_KEY, other);
        } catch {
          // Storage can be blocked (private mode); the switch still works for this page.
        }
        onChange(other);
      }}
    >
      {translate(lang, 'lang.switch')}
    </button>
  );
}

export function savedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Keeps the page's own lang (`<html lang>`) with the chosen language, for screen readers and hyphenation. */
export function useDocumentLang(lang: Lang): void {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}
