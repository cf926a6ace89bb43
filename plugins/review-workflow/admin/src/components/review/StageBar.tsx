import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, WarningCircle } from '@strapi/icons';
import type { ReviewState } from '../../api';
import { StageBadge, tint } from '../StageBadge';
import type { T } from './useT';

/** The current stage, the progress bar through the workflow's stages and whether the draft may be published. */
export const StageBar = ({ state, stageIndex, status, t }: { state: ReviewState; stageIndex: number; status?: string; t: T }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
      <Typography variant="sigma" textColor="neutral600">
        {t('stage.current', 'Stage')}
      </Typography>
      <StageBadge name={state.stageName} color={state.stageColor} />
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
      <Flex gap={2} alignItems="center">
        <CheckCircle fill="success600" width="1.4rem" height="1.4rem" />
        <Typography variant="pi" textColor="success600" fontWeight="bold">
          {t('stage.publishedApproved', 'Published as approved')}
        </Typography>
      </Flex>
    ) : state.publishable ? (
      <Flex gap={2} alignItems="center">
        <CheckCircle fill="success600" width="1.4rem" height="1.4rem" />
        <Typography variant="pi" textColor="success600" fontWeight="bold">
          {t('stage.publishable', 'Approved — may be published')}
        </Typography>
      </Flex>
    ) : state.stage === state.publishStage ? (
      <Flex gap={2} alignItems="center">
        <WarningCircle fill="warning600" width="1.4rem" height="1.4rem" />
        <Typography variant="pi" textColor="warning600">
          {t('stage.changedAfterApproval', 'Changed after approval: submit again')}
        </Typography>
      </Flex>
    ) : null}
  </Flex>
);
