import type { Language } from '../types.js';

/** Output languages Jasper runs take as `toLanguage`. */
export const JASPER_LANGUAGES: readonly Language[] = [
  { code: 'EN-US', name: 'English (US)' },
  { code: 'EN-GB', name: 'English (UK)' },
  { code: 'ES', name: 'Spanish' },
  { code: 'FR', name: 'French' },
  { code: 'DE', name: 'German' },
  { code: 'IT', name: 'Italian' },
  { code: 'PT-BR', name: 'Portuguese (Brazil)' },
  { code: 'NL', name: 'Dutch' },
  { code: 'JA', name: 'Japanese' },
  { code: 'ZH', name: 'Chinese' },
];
