import { ACTIONS } from '../../plugins/review-workflow/server/src/constants';
import { TRANSITIONS, spanRefusal, transitionOf } from '../../plugins/review-workflow/server/src/transitions';

/** The editorial workflow's table (plugins/review-workflow/server/src/transitions.ts). */
describe('review-workflow transition table', () => {
  test('one row per action, in the order of ACTIONS, audited under its own name', () => {
    expect(TRANSITIONS.map((t) => t.action)).toEqual([...ACTIONS]);
    for (const t of TRANSITIONS) expect(t.audit).toBe(t.action);
    expect(transitionOf('publish')).toBeUndefined();
  });

  test('stage spans (stages 拟稿 0 … 待发布 4)', () => {
    const allowedAt = (index: number) => TRANSITIONS.filter((t) => spanRefusal(t, index, 4) === null).map((t) => t.action);
    expect(allowedAt(-1)).toEqual(['submit']);
    expect(allowedAt(0)).toEqual(['submit']);
    expect(allowedAt(1)).toEqual(['approve', 'reject', 'withdraw']);
    expect(allowedAt(3)).toEqual(['approve', 'reject', 'withdraw']);
    expect(allowedAt(4)).toEqual(['reject', 'withdraw']);
    expect(spanRefusal(transitionOf('approve')!, 4, 4)).toBe('atPublishStage');
    expect(spanRefusal(transitionOf('approve')!, 0, 4)).toBe('from');
    expect(spanRefusal(transitionOf('submit')!, 2, 4)).toBe('from');
  });

  test('guards and refusals', () => {
    const row = (a: string) => transitionOf(a)!;
    expect(row('submit')).toMatchObject({ guard: 'submit-role', checks: 'gate', to: 'next', records: 'submission' });
    expect(row('approve')).toMatchObject({ guard: 'stage-role', fourEyes: true, sameDraft: true, checklist: true, to: 'next', records: 'approval' });
    expect(row('reject')).toMatchObject({ guard: 'stage-role', commentRequired: true, to: 'draft' });
    expect(row('withdraw')).toMatchObject({ guard: 'submitter', to: 'draft' });
    expect(row('submit').refusals.from('部门初审')).toBe('文档已在“部门初审”阶段，不能重复送审');
    expect(row('approve').refusals.atPublishStage!('待发布')).toBe('文档已到“待发布”阶段，可以发布，无需再审核');
    expect(row('reject').refusals.comment).toBe('退回须填写意见');
  });
});
