import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    // The API checks Origin against its PUBLIC_URL: run it with PUBLIC_URL=http://localhost:5173 in dev.
    // /collab is the collaboration server's WebSocket (y-websocket), served by the same API process.
    proxy: {
      "/api": { target: "http://127.0.0.1:3000", changeOrigin: false },
      "/collab": { target: "ws://127.0.0.1:3000", ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or eval anywhere: the server's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie)[\\/]/,
              priority: 3,
            },
            {
              name: "i18n",
              test: /node_modules[\\/](i18next|react-i18next|i18next-browser-languagedetector)[\\/]/,
              priority: 2,
            },
            {
              // Tiptap, ProseMirror and Yjs are most of the app's weight and only the document
              // editor uses them: a chunk of their own, loaded with the editor's lazy route.
              name: "editor",
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|yjs|y-[a-z]+|lib0|linkifyjs|orderedmap|rope-sequence|w3c-keyname|@floating-ui|markdown-it|marked|entities|linkify-it|mdurl|uc\.micro|punycode\.js|fast-deep-equal|use-sync-external-store|@ensemble[\\/]editor)[\\/]/,
              priority: 2,
            },
            { name: "vendor", test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
