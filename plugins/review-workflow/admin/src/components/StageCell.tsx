import { Typography } from '@strapi/design-system';
import { useStage } from '../utils/stage-cache';
import { StageBadge } from './StageBadge';

/** The 审核阶段 cell of a Content Manager list row. */
export const StageCell = ({ model, documentId }: { model: string; documentId?: string }) => {
  const stage = useStage(model, documentId);
  if (stage === undefined) {
    return (
      <Typography textColor="neutral400" aria-busy>
        …
      </Typography>
    );
  }
  if (!stage) return <Typography textColor="neutral800">-</Typography>;
  return <StageBadge name={stage.stageName} color={stage.color} size="S" />;
};
