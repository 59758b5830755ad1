// Bundled in place of ajv / ajv-formats (see build.mjs). conf imports them at load but only
// uses them when given a JSON schema; redis-warden validates profiles itself
// (src/profiles/validate.ts) and passes none. Leaving them out spares every start ~250 KB
// of code to parse. If conf ever needs them, this says so instead of failing obscurely.
export class Ajv2020 {
  constructor() {
    throw new Error(
      'redis-warden: conf was given a schema, but the bundle leaves ajv out (scripts/ajv-stub.mjs)',
    );
  }
}
export default { default: () => undefined };
