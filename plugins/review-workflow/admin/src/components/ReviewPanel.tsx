import { useIntl } from 'react-intl';
import { Divider, Flex, Loader, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useReviewConfig } from '../utils/config-store';
import { getTrad } from '../utils/getTrad';
import { ChecksList } from './review/ChecksList';
import { HistoryList } from './review/HistoryList';
import { ReviewActions } from './review/ReviewActions';
import { StageBar } from './review/StageBar';
import { useReviewState } from './review/useReviewState';
import { useT } from './review/useT';

/* -------------------------------------------------------------------------------------------------
 * The side panel of the Content Manager edit view (registered with addEditViewSidePanel)
 * -----------------------------------------------------------------------------------------------*/

const ReviewPanel: PanelComponent = (props: PanelComponentProps) => {
  const { formatMessage } = useIntl();
  const config = useReviewConfig();
  if (!config || !config.contentTypes?.[props.model]) return null;
  const title = formatMessage({ id: getTrad('panel.title'), defaultMessage: 'Review' });
  if (!props.documentId || !props.document) {
    return {
      title,
      content: (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage({ id: getTrad('panel.saveFirst'), defaultMessage: 'Save the draft to start the review.' })}
        </Typography>
      ),
    };
  }
  return { title, content: <ReviewPanelContent {...props} documentId={props.documentId} /> };
};
ReviewPanel.displayName = 'ReviewWorkflowPanel';

export { ReviewPanel };

/* -------------------------------------------------------------------------------------------------
 * Content: state and actions in useReviewState, one component per section (review/)
 * -----------------------------------------------------------------------------------------------*/

const ReviewPanelContent = (props: PanelComponentProps & { documentId: string }) => {
  const review = useReviewState(props);
  const t = useT();
  const { state, view } = review;

  if (review.loadError && !state) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Typography variant="pi" textColor="danger600">
          {review.loadError}
        </Typography>
        <TextButton startIcon={<ArrowClockwise />} onClick={() => void review.load()}>
          {t('panel.retry', 'Retry')}
        </TextButton>
      </Flex>
    );
  }
  if (!state || !view) {
    return (
      <Flex justifyContent="center" width="100%" padding={2}>
        <Loader small>{t('panel.loading', 'Loading review…')}</Loader>
      </Flex>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-testid="review-panel">
      <StageBar state={state} stageIndex={view.stageIndex} status={props.document?.status} t={t} />
      <Divider />
      <ChecksList model={props.model} findings={view.findings} blocking={view.blocking} warnings={view.warnings} checking={review.checking} onRerun={() => void review.runChecks()} t={t} />
      <Divider />
      <ReviewActions review={review} view={view} t={t} />
      <Divider />
      <HistoryList state={state} base={review.base} documentId={props.documentId} t={t} />
    </Flex>
  );
};
