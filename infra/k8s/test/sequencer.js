// Runs chart.static.spec.ts before chart.cluster.spec.ts (alphabetical order would do the opposite).
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class StaticFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => (t.path.includes('.static.') ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
};
