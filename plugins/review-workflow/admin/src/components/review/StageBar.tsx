import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReviewState } from '../../api';
import { StageBadge, tint } from '../StageBadge';
import type { T } from './useT';
import { StatusLine } from './parts';

/** The current stage, the progress bar through the workflow's stages and whether the draft may be published. */
export const StageBar = ({ state, stageIndex, status, t }: { state: ReviewState; stageIndex: number; status?: string; t: T }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
      <Typography variant="sigma" textColor="neutral600">
        {t('stage.current', 'Stage')}
      </Typography>
      <Flex gap={1}>
        {state.publication?.label && (
          <StageBadge
            name={state.publication.state === 'published' && state.publication.publishedAt ? `${state.publication.label}（${state.publication.publishedAt.slice(0, 10)}）` : state.publication.label}
            color={state.publication.state === 'published' ? '#328048' : '#d9822f'}
          />
        )}
        {state.publication?.state !== 'published' && <StageBadge name={state.stageName} color={state.stageColor} />}
      </Flex>
    </Flex>
    <Flex gap={1} aria-hidden>
      {state.stages.map((s, i) => (
        <Box
          key={s.key}
          title={s.name}
          flex="1"
          style={{
            height: 6,
            borderRadius: 3,
            background: i <= stageIndex ? s.color : tint(s.color, 0.18),
            boxShadow: i === stageIndex ? `0 0 0 2px ${tint(s.color, 0.35)}` : undefined,
          }}
        />
      ))}
    </Flex>
    <Flex justifyContent="space-between">
      <Typography variant="pi" textColor="neutral500">
        {state.stages[0]?.name}
      </Typography>
      <Typography variant="pi" textColor="neutral500">
        {state.stages[state.stages.length - 1]?.name}
      </Typography>
    </Flex>
    {status === 'published' && state.publishable ? (
      <StatusLine tone="success">{t('stage.publishedApproved', 'Published as approved')}</StatusLine>
    ) : state.publishable ? (
      <StatusLine tone="success">{t('stage.publishable', 'Approved — may be published')}</StatusLine>
    ) : state.stage === state.publishStage ? (
      <StatusLine tone="warning">{t('stage.changedAfterApproval', 'Changed after approval: submit again')}</StatusLine>
    ) : null}
  </Flex>
);
