import { createContext, useContext } from 'react';
import type { BackupApi } from './api';

export const ApiContext = createContext<BackupApi | undefined>(undefined);

export function useApi(): BackupApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
