// ESLint for the page scripts in leganto_qa/**/*.js (run: npm ci && npx eslint leganto_qa).
// Each file is one function expression that Playwright evaluates in a page (or frame): plain
// browser script, no modules; anything not defined in the file must be a browser global.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {ignores: ["node_modules/**", "build/**", ".tox/**"]},
  {
    files: ["leganto_qa/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {...globals.browser},
    },
    rules: {
      ...js.configs.recommended.rules,
      "no-undef": "error",
      "no-unused-vars": ["error", {args: "after-used", caughtErrors: "all"}],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: {sourceType: "commonjs", globals: {...globals.node}},
  },
];
