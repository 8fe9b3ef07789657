/**
 * Rewrites require("@nestjs/common") and require("@nestjs/core") in CommonJS packages into the ES
 * module instances that esm-for-cjs.setup.ts publishes. Only for Jest on Node < 22.12, which cannot
 * require() ES modules; the rest of the file is left as it is.
 */
const PATTERN = /require\((["'])(@nestjs\/(?:common|core))\1\)/g;

module.exports = {
  process(source) {
    return {
      code: source.replace(PATTERN, (_match, _quote, name) => `globalThis[Symbol.for('weerpc:test:esm-modules')][${JSON.stringify(name)}]`),
    };
  },
  getCacheKey(source, path) {
    return `cjs-requires-esm:1:${path}:${source.length}:${require('node:crypto').createHash('sha1').update(source).digest('hex')}`;
  },
};
