import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has no object URLs; the page makes them for downloads
URL.createObjectURL ??= () => 'blob:test';
URL.revokeObjectURL ??= () => undefined;
