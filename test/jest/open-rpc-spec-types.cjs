/**
 * @open-rpc/spec-types as CommonJS. @open-rpc/schema-utils-js (CommonJS) require()s it for the
 * meta-schema of each OpenRPC version, and it is an ES module re-exporting @open-rpc/spec's
 * bundle, which Jest on Node < 24.9 cannot require(). Those schemas are also published as JSON
 * files of @open-rpc/spec, the very objects its bundle exports.
 */
const schema1_3 = require('@open-rpc/spec/1_3/schema.json');
const schema1_4 = require('@open-rpc/spec/1_4/schema.json');

exports.spec = {
  OpenRPCSpecificationSchema1_3: schema1_3,
  OpenRPCSpecificationSchema1_4: schema1_4,
  getAllSchemas: () => ({ '1_4': schema1_4, '1_3': schema1_3 }),
};
