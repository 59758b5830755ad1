// A small static table (@alcalzone/ink-table: a handful of rows drawn once; see README "Tables:
// which one where") in the theme's tones: the library's defaults are colour literals. Cells are
// given already passed through toDisplay by the caller.
import { Table } from '@alcalzone/ink-table';
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

export function StaticTable({ data }: { data: Record<string, string | number>[] }) {
  const theme = useTheme();
  const Header = ({ children }: { children?: ReactNode }) => (
    <Text bold {...tone(theme, 'header')}>
      {children}
    </Text>
  );
  const Cell = ({ children }: { children?: ReactNode }) => <Text {...tone(theme, 'text')}>{children}</Text>;
  const Skeleton = ({ children }: { children?: ReactNode }) => (
    <Text {...tone(theme, 'border')}>{children}</Text>
  );
  return <Table data={data} header={Header} cell={Cell} skeleton={Skeleton} />;
}
