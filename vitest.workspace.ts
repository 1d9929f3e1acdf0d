// The one list of test projects. vitest.config.ts feeds it to `test.projects`
// (vitest 3.2 deprecates reading this file on its own).
export default ["packages/*", "examples"]
