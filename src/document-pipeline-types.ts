/** The shape of one stage of the Document Service pipeline (src/document-pipeline.ts lists them). */
export type DocumentMiddleware = (context: any, next: () => Promise<any>) => Promise<any>;
