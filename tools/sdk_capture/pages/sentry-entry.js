// esbuild entry: exposes @sentry/browser as window.Sentry for the page.
import * as Sentry from '@sentry/browser';
window.Sentry = Sentry;
