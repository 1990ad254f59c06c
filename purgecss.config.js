// PurgeCSS for the handbook: src/kumppanuus/site/css.py runs it after `make build` over the built pages
// (site/**/*.html) and the handbook's scripts (site/assets/*.js), which it passes on the command line.
// Not under `make serve`: a preview keeps Material's whole stylesheet.
module.exports = {
  // Custom properties stay, all of them. PurgeCSS judges them one stylesheet at a time, and Material's two
  // depend on each other (palette.css colours read --md-hue from main.css): purging them left the dark
  // palette without a background. Keeping them costs 3.3 KB gzip of the first view (measured: 9.8 -> 13.1 KB).
  variables: false,
  // animations no kept rule names
  keyframes: true,
  fontFace: true,
  safelist: {
    // Classes that only scripts put on elements at run time and that no page or script names in full.
    // Every class handbook.js and cases.js add is written out in full in them, so none is needed today;
    // the palette's data-md-color-* values are copied from the light/dark switch's own attributes.
    standard: [],
  },
};
