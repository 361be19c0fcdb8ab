/**
 * `POST /v1/image/remove-background`: multipart `image_file`, at most 30 MB and 25 megapixels; the answer is the image
 * bytes (jasper-api-notes.md). The types are the common web image formats: an assumption, as the notes name none.
 */
import { ProviderError } from '../errors.js';
import type { ImageFile } from '../types.js';
import { baseContentType } from './knowledge.js';

const MB = 1024 * 1024;

export const JASPER_IMAGE_LIMITS = {
  maxBytes: 30 * MB,
  maxPixels: 25_000_000,
  contentTypes: ['image/png', 'image/jpeg', 'image/webp'],
} as const satisfies { maxBytes: number; maxPixels: number; contentTypes: readonly string[] };

export function imageForm(image: ImageFile): FormData {
  const form = new FormData();
  form.set('image_file', new Blob([new Uint8Array(image.bytes)], { type: baseContentType(image.contentType) }), image.fileName);
  return form;
}

/** Refuses, before anything is sent, an image over the size limit or of another type. */
export function checkImage(image: ImageFile): void {
  const type = baseContentType(image.contentType);
  if (!(JASPER_IMAGE_LIMITS.contentTypes as readonly string[]).includes(type)) {
    throw new ProviderError('bad_request', `Jasper removes backgrounds from PNG, JPEG and WebP images; "${image.fileName}" is ${type || 'of an unknown type'}.`);
  }
  if (image.bytes.byteLength > JASPER_IMAGE_LIMITS.maxBytes) throw new ProviderError('bad_request', `"${image.fileName}" is larger than the 30 MB Jasper takes.`);
}

/** "photo.jpg" -> "photo-no-background.png". */
export function cutOutName(fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, '') || 'image'}-no-background.png`;
}
