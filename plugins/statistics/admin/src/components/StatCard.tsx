import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

export interface Figure {
  label: string;
  value: string;
  /** Colours the figure (e.g. overdue in red). */
  tone?: 'neutral' | 'danger' | 'warning' | 'success';
  testId?: string;
}

const TONE: Record<NonNullable<Figure['tone']>, string> = {
  neutral: 'neutral800',
  danger: 'danger600',
  warning: 'warning600',
  success: 'success600',
};

/** A headline card: a title and one or more big figures, with an optional note under them. */
export const StatCard = ({ title, figures, note, testId }: { title: string; figures: Figure[]; note?: React.ReactNode; testId?: string }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} height="100%" data-testid={testId} tag="section" aria-label={title}>
    <Flex direction="column" alignItems="stretch" gap={3} height="100%">
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      <Flex gap={5} wrap="wrap" alignItems="flex-end">
        {figures.map((f) => (
          <Flex key={f.label} direction="column" alignItems="flex-start" gap={1} data-testid={f.testId}>
            <Typography variant="alpha" tag="p" textColor={TONE[f.tone ?? 'neutral']} style={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.1 }}>
              {f.value}
            </Typography>
            {figures.length > 1 || f.label !== title ? (
              <Typography variant="pi" textColor="neutral600">
                {f.label}
              </Typography>
            ) : null}
          </Flex>
        ))}
      </Flex>
      {note ? (
        <Typography variant="pi" textColor="neutral500">
          {note}
        </Typography>
      ) : null}
    </Flex>
  </Box>
);
