// Data files bundled as text (esbuild's `text` loader; vitest.config.ts does the same).
declare module '*.txt' {
  const text: string;
  export default text;
}
