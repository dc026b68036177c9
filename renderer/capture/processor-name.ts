/** Name the capture worklet registers under; its own module so the page can name it without loading the worklet. */
export const CAPTURE_PROCESSOR = 'klachtcoach-capture';
