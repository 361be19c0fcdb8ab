import type { FakeSlack } from '../fakes/fake-slack.js';

interface Shown {
  logs: string[];
  slack: FakeSlack;
}

/** Harnesses not closed yet: a failed test prints what their bots did (print-on-failure.ts). */
export const openHarnesses = new Set<Shown>();
/** Harnesses closed since the current test began (an `afterEach` closes them before a failure is reported). */
const closedDuringTest = new Set<Shown>();

export function harnessClosed(shown: Shown): void {
  openHarnesses.delete(shown);
  closedDuringTest.add(shown);
}

export function testStarting(): void {
  closedDuringTest.clear();
}

/** The last log lines and Slack calls of every harness the failed test used: a failure seen once (a busy CI machine) can be read. */
export function describeOpenHarnesses(): string {
  return [...openHarnesses, ...closedDuringTest]
    .map(({ logs, slack }) => {
      const calls = slack.calls.slice(-30).map((c) => `${c.method} ${JSON.stringify(c.args).slice(0, 200)}`);
      const lines = logs.filter((line) => !/^(apiCall|http (request|response)|initialized)/.test(line));
      return `Bot log (last 60 lines, Web API client debug left out):\n${lines.slice(-60).join('\n')}\n\nSlack calls (last 30):\n${calls.join('\n')}`;
    })
    .join('\n\n');
}
