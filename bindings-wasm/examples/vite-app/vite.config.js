// drivekit needs no Vite plugin: the build finds the package's `.wasm` through its `new URL(…, import.meta.url)`
// and emits it as an asset. One setting is for the dev server only:
/** @type {import("vite").UserConfig} */
export default {
  optimizeDeps: {
    // Pre-bundling would move the package's code into Vite's cache folder, away from the `.wasm` it loads from
    // beside itself; left out, it is served as installed.
    exclude: ["drivekit"],
  },
};
