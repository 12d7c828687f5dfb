import type { Plugin } from 'vite';
export declare const DROPPED_METHODS: string[];
export declare const DROPPED_STATICS: string[];
export declare function slimDecimal(): Plugin;
