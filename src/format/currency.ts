/**
 * How each currency code is written, shared by prices and compact amounts: fiat through
 * Intl's currency style, crypto signs and codes through a placeholder currency whose part
 * is replaced, and unit names after the number.
 */
import { getNumberFormat, keepLast } from './intl-cache.js';

export interface Currency {
  /** How Intl lays the number out: the currency, a placeholder currency, or plain (units). */
  style: Intl.NumberFormatOptions;
  /** What replaces Intl's currency part when Intl formats a placeholder: a sign or a code. */
  mark?: string;
  /** A unit name written after the number (`\u00a0sats`). */
  unit?: string;
  /** Decimals from 100 up (Intl's for a currency it knows; 2 for crypto and unknown codes). */
  digits: number;
}

/** Crypto codes with a customary sign (see docs/currencies.md for why not `Ł` for LTC). */
const SIGNS: Record<string, string> = { BTC: '₿', ETH: 'Ξ' };
/**
 * CoinGecko's other crypto `vs_currency` codes. Intl accepts the 3-letter ones as
 * well-formed (unknown) ISO codes; their decimals must not come from Intl: crypto has 2.
 */
const CRYPTO = /^(LTC|BCH|BNB|EOS|XRP|XLM|LINK|DOT|YFI|SOL)$/;

/**
 * Fiat (and XAU, XAG, XDR): Intl's currency style, symbol and decimals. Crypto, 2 decimals:
 * `₿` and `Ξ` where the locale puts a currency *symbol* (Intl formats the placeholder USD
 * with its narrow symbol `$`, and that part is replaced); `bits` and `sats` as unit names
 * after the number; the others by their code. A code Intl rejects (`xyz12`) is written by
 * its code too. A code is put where the locale puts currency codes: Intl formats the
 * placeholder `XXX` shown as a code, and that part is replaced (`LINK 1.50`, `1,50 LINK`).
 */
export const currencyOf = keepLast(readCurrency);

function readCurrency(currency: string | undefined): Currency {
  const code =
    String(currency ?? '')
      .trim()
      .toUpperCase() || 'USD';
  const mark = SIGNS[code];
  if (mark) return { style: { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol' }, mark, digits: 2 };
  if (/^(BITS|SATS)$/.test(code)) return { style: {}, unit: `\u00a0${code.toLowerCase()}`, digits: 2 };
  const style: Intl.NumberFormatOptions = { style: 'currency', currency: code };
  const format = CRYPTO.test(code) ? undefined : getNumberFormat('en', style);
  return format
    ? { style, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }
    : { style: { style: 'currency', currency: 'XXX', currencyDisplay: 'code' }, mark: code, digits: 2 };
}
