import * as React from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router-dom';
import { Box, Button, Flex, Grid, Link, LinkButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, ArrowLeft, Pencil } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import {
  contentManagerPath,
  errorOf,
  paths,
  type ApiError,
  type Clock,
  type EventBody,
  type Letter,
  type RequestDocument,
  type RequestEvent,
  type Timeline as TimelineData,
} from '../api';
import { ClockSummary } from '../components/ClockSummary';
import { useT } from '../components/ClockBits';
import { EventForm } from '../components/EventForm';
import { LettersPanel } from '../components/LettersPanel';
import { Timeline } from '../components/Timeline';
import { CLOCK_EVENT_LABELS, resultLabel, type ClockEventType, type LetterKind } from '../domain';
import { PLUGIN_ID } from '../pluginId';

interface Loaded {
  doc: RequestDocument;
  org: { documentId: string; name: string } | null;
  clock: Clock;
  timeline: TimelineData;
  letters: Letter[];
}

const Info = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography textColor="neutral800" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {children || '-'}
    </Typography>
  </Flex>
);

/** One request: its clock, its timeline, the event form and the letters. */
const DetailPage = () => {
  const t = useT();
  const { documentId = '' } = useParams<{ documentId: string }>();
  const location = useLocation();
  const { get, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [data, setData] = React.useState<Loaded | null>(null);
  const [loadError, setLoadError] = React.useState<ApiError | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [deleting, setDeleting] = React.useState<string | null>(null);
  const [timelineError, setTimelineError] = React.useState<string | null>(null);
  // Applicant data: the Content Manager gives it unmasked to clerks (update permission), masked to readers;
  // holders of the reveal permission can show it (each reveal is written to the security log).
  const [canReveal, setCanReveal] = React.useState(false);
  const [revealed, setRevealed] = React.useState<Partial<RequestDocument> | null>(null);
  const reveal = async () => {
    try {
      const res = await get<{ data: Partial<RequestDocument> }>(paths.applicant(documentId, true));
      setRevealed(res.data.data);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorOf(e).message });
    }
  };

  const fromQuery = (location.state as { from?: string } | null)?.from;
  const listPath = `/plugins/${PLUGIN_ID}${fromQuery ? `?${fromQuery.replace(/^\?/, '')}` : ''}`;

  const load = React.useCallback(async () => {
    setLoading(true);
    try {
      const [doc, org, clock, timeline, letters] = await Promise.all([
        get<{ data: RequestDocument }>(paths.document(documentId)),
        get<{ results: Array<{ documentId: string; name: string }> }>(paths.documentOrganization(documentId)).catch(() => ({ data: { results: [] } })),
        get<{ data: Clock }>(paths.clock(documentId)),
        get<{ data: TimelineData }>(paths.timeline(documentId)),
        get<{ data: Letter[] }>(paths.letters(documentId)),
      ]);
      setData({ doc: doc.data.data, org: org.data.results?.[0] ?? null, clock: clock.data.data, timeline: timeline.data.data, letters: letters.data.data });
      const masked = [doc.data.data.applicantName, doc.data.data.applicantPhone, doc.data.data.applicantEmail, doc.data.data.applicantAddress].some((v) => typeof v === 'string' && v.includes('*'));
      setCanReveal(masked ? Boolean((await get<{ meta: { canReveal?: boolean } }>(paths.applicant(documentId)).catch(() => null))?.data.meta.canReveal) : false);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorOf(e));
    } finally {
      setLoading(false);
    }
  }, [get, documentId]);

  React.useEffect(() => {
    setData(null);
    setRevealed(null);
    void load();
  }, [load]);

  const recordEvent = async (body: EventBody): Promise<ApiError | null> => {
    try {
      await post(paths.events(documentId), body);
      toggleNotification({ type: 'success', message: t('form.saved', 'Recorded: {label}', { label: t(`eventType.${body.type}`, CLOCK_EVENT_LABELS[body.type as ClockEventType] ?? body.type) }) });
      setTimelineError(null);
      await load();
      return null;
    } catch (e) {
      return errorOf(e);
    }
  };

  const deleteEvent = async (event: RequestEvent) => {
    if (!event.id) return;
    setDeleting(event.id);
    try {
      await del(paths.event(documentId, event.id));
      setTimelineError(null);
      toggleNotification({ type: 'success', message: t('event.deleted', 'Record deleted; due date recomputed') });
      await load();
    } catch (e) {
      setTimelineError(errorOf(e).message);
    } finally {
      setDeleting(null);
    }
  };

  const back = (
    <Link tag={RouterLink} to={listPath} startIcon={<ArrowLeft />}>
      {t('detail.back', 'Back to the list')}
    </Link>
  );

  if (loadError && !data) {
    return (
      <Page.Main>
        <Page.Title>{t('page.title', 'Requests on the clock')}</Page.Title>
        <Layouts.Header title={t('detail.notFound', 'Request not found')} navigationAction={back} />
        <Layouts.Content>
          <Box background="danger100" hasRadius padding={4} role="alert">
            <Typography textColor="danger700">{loadError.status === 404 ? t('detail.notFoundText', 'This request does not exist (any more).') : loadError.message}</Typography>
          </Box>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!data) return <Page.Loading />;

  const { doc, org, clock, timeline, letters } = data;
  const has = (type: string) => timeline.events.some((e) => e.type === type);
  const replyResult = doc.resultKey ?? timeline.events.find((e) => (e.type === 'replied' || e.type === 'closed') && e.resultKey)?.resultKey;
  const missing: Partial<Record<LetterKind, string>> = {};
  if (!has('correctionRequested')) missing.correction = t('letters.needsCorrection', 'record “correction requested” first');
  if (!has('extended')) missing.extension = t('letters.needsExtension', 'record the extension first');
  if (!replyResult) missing.reply = t('letters.needsResult', 'record the reply or the closing with its result first');

  const title = doc.trackingNo ?? documentId;
  return (
    <Page.Main>
      <Page.Title>{`${title} · ${t('page.title', 'Requests on the clock')}`}</Page.Title>
      <Layouts.Header
        navigationAction={back}
        title={title}
        subtitle={[org?.name, t('detail.receivedOn', 'received {date}', { date: doc.receivedDate }), doc.channel ? t('detail.channel', 'by {channel}', { channel: doc.channel }) : null].filter(Boolean).join(' · ')}
        primaryAction={
          <Flex gap={2}>
            <Button variant="tertiary" startIcon={<ArrowClockwise />} onClick={() => void load()} loading={loading}>
              {t('list.refresh', 'Refresh')}
            </Button>
            <LinkButton tag={RouterLink} to={contentManagerPath(documentId)} variant="secondary" startIcon={<Pencil />} data-testid="open-in-cm">
              {t('detail.openInCm', 'Open in the Content Manager')}
            </LinkButton>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <ClockSummary clock={clock} status={doc.handlingStatus} receivedDate={doc.receivedDate} />

          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6} tag="section" aria-label={t('detail.request', 'Request')} data-testid="request-info">
            <Grid.Root gap={4} gridCols={12}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.applicant', 'Applicant')}>
                  {`${(revealed ?? doc).applicantName ?? '-'}${doc.applicantCategory ? `（${t(`category.${doc.applicantCategory}`, doc.applicantCategory)}）` : ''}`}
                </Info>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.contact', 'Contact')}>{[(revealed ?? doc).applicantPhone, (revealed ?? doc).applicantEmail, (revealed ?? doc).applicantAddress].filter(Boolean).join(' / ')}</Info>
                {canReveal && !revealed ? (
                  <Button variant="tertiary" size="S" onClick={() => void reveal()}>
                    {t('detail.reveal', 'Show unmasked (logged)')}
                  </Button>
                ) : null}
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.delivery', 'Delivery')}>{doc.deliveryMethod}</Info>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.result', 'Result')}>
                  {doc.resultKey ? resultLabel(doc.resultKey) : ''}
                  {doc.repliedDate ? `\n${t('detail.repliedOn', 'replied {date}', { date: doc.repliedDate })}` : ''}
                  {doc.closedDate ? `\n${t('detail.closedOn', 'closed {date}', { date: doc.closedDate })}` : ''}
                </Info>
              </Grid.Item>
              <Grid.Item col={8} s={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.content', 'Information requested')}>{doc.requestedContent}</Info>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="flex-start">
                <Info label={t('detail.purpose', 'Purpose')}>{doc.purpose}</Info>
              </Grid.Item>
            </Grid.Root>
          </Box>

          <Grid.Root gap={4} gridCols={12}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              <Timeline data={timeline} onDelete={deleteEvent} deleting={deleting} error={timelineError} />
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4} width="100%">
                <EventForm key={documentId} applicantCategory={doc.applicantCategory} suggestedOutcome={clock.suggestedOutcome} onSubmit={recordEvent} />
                <LettersPanel
                  documentId={documentId}
                  letters={letters}
                  missing={missing}
                  onGenerated={(letter, all) => {
                    toggleNotification({ type: 'success', message: t('letters.done', 'Generated: {title}', { title: letter.title }) });
                    setData((d) => (d ? { ...d, letters: all } : d));
                  }}
                />
              </Flex>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export { DetailPage };
export default DetailPage;
