import type { Plugin } from 'vite';
export declare const KEPT_METHODS: string[];
export declare const KEPT_STATICS: string[];
export declare function slimDecimal(): Plugin;
