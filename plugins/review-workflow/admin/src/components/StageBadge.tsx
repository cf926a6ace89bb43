import { Box, Flex, Typography } from '@strapi/design-system';

/** `#rrggbb` → `rgba(r, g, b, alpha)`; other CSS colours are returned unchanged. */
export function tint(color: string, alpha: number): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (!m) return color;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

interface StageBadgeProps {
  name: string;
  color: string;
  size?: 'S' | 'M';
  title?: string;
}

/** A review stage in its configured colour (dot + tinted pill), readable in light and dark themes. */
export const StageBadge = ({ name, color, size = 'M', title }: StageBadgeProps) => (
  <Box tag="span" display="inline-block">
    <Flex
      tag="span"
      display="inline-flex"
      alignItems="center"
      gap={size === 'S' ? 1 : 2}
      paddingLeft={size === 'S' ? 2 : 3}
      paddingRight={size === 'S' ? 2 : 3}
      paddingTop={1}
      paddingBottom={1}
      hasRadius
      title={title ?? name}
      data-stage-color={color}
      style={{ background: tint(color, 0.14), border: `1px solid ${tint(color, 0.55)}`, whiteSpace: 'nowrap' }}
    >
      <Box tag="span" style={{ width: size === 'S' ? 6 : 8, height: size === 'S' ? 6 : 8, borderRadius: '50%', background: color, flex: 'none' }} />
      <Typography variant={size === 'S' ? 'pi' : 'omega'} fontWeight="bold" textColor="neutral800">
        {name}
      </Typography>
    </Flex>
  </Box>
);
