export { createJasperProvider, type JasperProviderOptions } from './jasper-provider.js';
export { createJasperClient, JASPER_DEFAULT_BASE_URL, type JasperClient, type JasperClientOptions } from './jasper-client.js';
export type { ProviderLogger } from './map-jasper-task.js';
