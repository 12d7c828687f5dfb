// The analyzer's command-line module ships no types; scripts/readme-tables.mjs calls it to get
// the manifest without writing it.
declare module '@custom-elements-manifest/analyzer/cli.js' {
  export function cli(options: { argv: string[]; noWrite: boolean; cwd?: string }): Promise<unknown>;
}
