import { escapeMarkup as escape } from './html';
import type { Journal } from './journal';

/** junit.xml: the drill as one test case, failed when the hypothesis deviated, so CI can show it. */
export function junitXml(journal: Journal): string {
  const seconds = (Date.parse(journal.method.endedAt) - Date.parse(journal.method.startedAt)) / 1000;
  const failed = journal.verdict === 'deviated';
  const v = journal.viewers;
  const out = `plays ${v.plays}, failed plays ${v.failedPlays}, stalls ${v.stalls}, lost writes ${v.lostWrites}\nphases: ${journal.phases.map((p) => `${p.name} ${p.at}`).join(', ')}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stride drills" tests="1" failures="${failed ? 1 : 0}" time="${seconds.toFixed(1)}">`,
    `  <testsuite name="drill ${escape(journal.scenario)}" tests="1" failures="${failed ? 1 : 0}" timestamp="${escape(journal.method.startedAt)}" time="${seconds.toFixed(1)}">`,
    `    <testcase classname="drill.${escape(journal.method.target)}" name="${escape(journal.scenario)}: steady state holds and viewers feel nothing" time="${seconds.toFixed(1)}">`,
    ...(failed
      ? [
          `      <failure message="${escape(journal.steadyState.deviations.join(' '))}" type="deviated">${escape(journal.steadyState.deviations.join('\n'))}</failure>`,
        ]
      : []),
    `      <system-out>${escape(out)}</system-out>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
