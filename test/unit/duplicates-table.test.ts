import assert from 'node:assert/strict';
import { formatDuplicateTable, NO_DUPLICATES_LINE, visibleText, type DuplicateGroup } from '../../src/funnels/duplicates.table';

const group: DuplicateGroup = {
  orgId: '00000000-0000-4000-8000-000000000001',
  email: 'anna@example.com',
  funnelType: 'language',
  testId: 'english-b2',
  count: 2,
  minId: '3',
  maxId: '9',
  firstEnteredAt: new Date('2024-01-01T10:00:00Z'),
  lastEnteredAt: new Date('2024-01-05T08:30:00Z'),
  emails: ['anna@example.com', 'anna@example.com\t'],
  testIds: ['english-b2'],
};

describe('funnel duplicate table', () => {
  it('says so when there are no duplicates', () => {
    assert.equal(formatDuplicateTable([], { showOrg: false }), NO_DUPLICATES_LINE + '\n');
  });

  it('makes invisible characters visible', () => {
    assert.equal(visibleText('a\tb\u00a0c'), '"a\\tb\\u00a0c"');
  });

  it('aligns one line per group and counts them', () => {
    const text = formatDuplicateTable([group, { ...group, email: 'bob@example.org', emails: ['bob@example.org'], testIds: ['English-B2', 'english-b2'], count: 3 }], { showOrg: false });
    assert.equal(
      text,
      [
        'email               funnel_type  test_id       count  min_id  max_id  first_entered_at          last_entered_at           variants',
        '------------------  -----------  ------------  -----  ------  ------  ------------------------  ------------------------  -----------------------------------------------',
        '"anna@example.com"  language     "english-b2"  2      3       9       2024-01-01T10:00:00.000Z  2024-01-05T08:30:00.000Z  email "anna@example.com" / "anna@example.com\\t"',
        '"bob@example.org"   language     "english-b2"  3      3       9       2024-01-01T10:00:00.000Z  2024-01-05T08:30:00.000Z  test_id "English-B2" / "english-b2"',
        '',
        '2 duplicate groups covering 5 entries (e-mail and test id compared trimmed and lower-cased).',
        '',
      ].join('\n'),
    );
    assert.match(formatDuplicateTable([group], { showOrg: true }), /^org_id {32}email/);
  });
});
