import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { CheckCircle, WarningCircle } from '@strapi/icons';

/** A panel section's heading: its title on the left, an action (button, links) on the right. */
export const SectionHeader = ({ title, children }: { title: string; children?: React.ReactNode }) => (
  <Flex justifyContent="space-between" alignItems="center">
    <Typography variant="sigma" textColor="neutral600">
      {title}
    </Typography>
    {children}
  </Flex>
);

/** One line saying whether the draft may be published: a green check or an amber warning before the text. */
export const StatusLine = ({ tone, children }: { tone: 'success' | 'warning'; children: React.ReactNode }) => {
  const Icon = tone === 'success' ? CheckCircle : WarningCircle;
  return (
    <Flex gap={2} alignItems="center">
      <Icon fill={`${tone}600`} width="1.4rem" height="1.4rem" />
      <Typography variant="pi" textColor={`${tone}600`} fontWeight={tone === 'success' ? 'bold' : undefined}>
        {children}
      </Typography>
    </Flex>
  );
};
