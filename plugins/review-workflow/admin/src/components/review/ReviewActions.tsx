import * as React from 'react';
import { Button, Checkbox, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { ArrowLeft, Check, Cross, PaperPlane, Rocket } from '@strapi/icons';
import { CHECKLIST_KEYS, type ReviewAction } from '../../api';
import { UnpublishButton } from './UnpublishButton';
import type { ReviewStateApi, ReviewView } from './useReviewState';
import type { T } from './useT';

const BUTTON_LABELS: Record<ReviewAction, string> = { submit: 'Submit for review', approve: 'Approve', reject: 'Send back', withdraw: 'Withdraw' };
const BUTTON_VARIANTS: Record<ReviewAction, 'default' | 'success' | 'danger-light' | 'tertiary'> = { submit: 'default', approve: 'success', reject: 'danger-light', withdraw: 'tertiary' };
const BUTTON_ICONS: Record<ReviewAction, React.ReactElement> = { submit: <PaperPlane />, approve: <Check />, reject: <Cross />, withdraw: <ArrowLeft /> };

/** What the user may do now: the 保密审查 checklist, the comment, one button per allowed action, 撤稿. */
export const ReviewActions = ({ review, view, t }: { review: ReviewStateApi; view: ReviewView; t: T }) => {
  const state = review.state!;
  const { actions, needsChecklist, checklistComplete, blocking, stageIndex } = view;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="sigma" textColor="neutral600">
        {t('actions.title', 'Review')}
      </Typography>
      {actions.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {state.stage === state.publishStage
            ? review.canPublish
              ? t('actions.noneReady', 'Approved: publish with the “Publish” button.')
              : t('actions.noneReadyNoPublish', 'Approved: waiting for publication.')
            : t('actions.none', 'Waiting for “{stage}”: nothing for you to do.', { stage: state.stageName })}
        </Typography>
      ) : (
        <>
          {needsChecklist && (
            <Flex direction="column" alignItems="stretch" gap={2} padding={3} hasRadius background="neutral100" data-testid="review-checklist">
              <Typography variant="pi" fontWeight="bold" textColor="neutral800">
                {t('checklist.title', 'Secrecy review checklist')}
              </Typography>
              {CHECKLIST_KEYS.map((key) => (
                <Checkbox
                  key={key}
                  name={`review-checklist-${key}`}
                  checked={review.checklist[key] === true}
                  onCheckedChange={(v) => review.setChecklist((c) => ({ ...c, [key]: v === true }))}
                >
                  {t(`checklist.${key}`, state.checklistItems?.[key] ?? key)}
                </Checkbox>
              ))}
            </Flex>
          )}
          <Field.Root name="review-comment" error={review.commentError ?? undefined} hint={view.commentRequiredBy.length ? t('actions.commentHint', 'Required when sending back.') : undefined}>
            <Field.Label>{t('actions.comment', 'Comment')}</Field.Label>
            <Textarea
              name="review-comment"
              value={review.comment}
              placeholder={t('actions.commentPlaceholder', 'Your opinion (recorded in the history)')}
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => review.changeComment(e.target.value)}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
          <Flex direction="column" alignItems="stretch" gap={2}>
            {actions.map((action) => (
              <Button
                key={action}
                fullWidth
                size="M"
                loading={review.busy === action}
                disabled={review.busy !== null || (action === 'approve' && needsChecklist && !checklistComplete) || (action === 'submit' && blocking > 0)}
                variant={BUTTON_VARIANTS[action]}
                startIcon={BUTTON_ICONS[action]}
                onClick={() => void review.act(action)}
                data-action={action}
              >
                {action === 'approve'
                  ? t('button.approveTo', 'Approve → {stage}', { stage: state.stages[stageIndex + 1]?.name ?? '' })
                  : t(`button.${action}`, BUTTON_LABELS[action])}
              </Button>
            ))}
            {actions.includes('submit') && blocking > 0 && (
              <Typography variant="pi" textColor="danger600">
                {t('actions.fixFirst', 'Fix the findings marked “Must fix” before submitting.')}
              </Typography>
            )}
            {needsChecklist && !checklistComplete && (
              <Typography variant="pi" textColor="neutral600">
                {t('checklist.hint', 'Confirm all four items to approve.')}
              </Typography>
            )}
          </Flex>
        </>
      )}
      {/* at 待发布 the panel itself publishes (for whoever may publish), the button at the top of the sidebar does the same */}
      {state.publishable && state.publication?.state !== 'published' && review.canPublish && (
        <Button fullWidth variant="success" startIcon={<Rocket />} onClick={() => void review.publish()} loading={review.busy === 'publish'} disabled={review.busy !== null} data-action="publish">
          {t('publish.button', 'Publish')}
        </Button>
      )}
      {view.isPublished && review.canPublish && <UnpublishButton path={`${review.base}/unpublish`} onDone={review.unpublished} />}
    </Flex>
  );
};
