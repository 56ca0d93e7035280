/** The HTTP status and GitHub message of an octokit call, whether it succeeded or failed. */
export async function statusOf(
  promise: Promise<{ status: number }>,
): Promise<{ status: number; message: string }> {
  try {
    const response = await promise;
    return { status: response.status, message: '' };
  } catch (error) {
    const failure = error as { status: number; response?: { data?: { message?: string } } };
    return { status: failure.status, message: failure.response?.data?.message ?? '' };
  }
}
