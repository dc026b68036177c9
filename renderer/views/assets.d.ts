// Module kinds Vite resolves at build time (the project type-checks without vite/client types).
declare module '*.css';
declare module '*?worker&url' {
  const url: string;
  export default url;
}
