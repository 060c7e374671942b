import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root, found from this file so `npm start` works from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SITE_DIST = join(REPO_ROOT, 'site', 'dist');
export const CAMPAIGN_CONTENT_DIR = join(REPO_ROOT, 'site', 'src', 'content', 'campaigns');
export const ERPO_CONTENT_DIR = join(REPO_ROOT, 'site', 'src', 'content', 'erpo-states');
